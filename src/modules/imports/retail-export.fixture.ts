/**
 * A retail export as the tests need it (for the orders import tests only): one row per line item,
 * lines of an invoice anywhere once shuffled, guests without a customer id, return invoices with
 * negative quantities, duplicate lines, unknown customers and a few malformed rows; with the
 * counts an import of it must report, worked out from the data rather than from the importer.
 */

/** mulberry32: a seeded generator, so a fixture and its shuffles are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seeded(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export const retailHeader = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
export const retailMap = 'order_number=InvoiceNo,sku=StockCode,description=Description,quantity=Quantity,placed_at=InvoiceDate,unit_price=UnitPrice,account_external_id=CustomerID';

export type RetailExport = {
  rows: string[];
  knownCustomers: string[];
  expected: { rows: number; guest: number; returns: number; unknownCustomer: number; malformed: number; good: number; goodOrders: number; unknownOrders: number };
};

export function retailExport(invoices: number, seed = 7): RetailExport {
  const random = seeded(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const rows: string[] = [];
  const expected = { rows: 0, guest: 0, returns: 0, unknownCustomer: 0, malformed: 0, good: 0, goodOrders: 0, unknownOrders: 0 };
  const knownCustomers = Array.from({ length: 60 }, (_, i) => `K${12000 + i}`);
  for (let i = 0; i < invoices; i++) {
    const kind = random();
    const isReturn = kind < 0.08;
    const guest = !isReturn && kind < 0.2;
    const unknown = !isReturn && !guest && kind < 0.3;
    const malformed = !isReturn && !guest && !unknown && kind < 0.33;
    const customer = guest ? '' : unknown ? `U${17000 + pick(20)}` : (knownCustomers[pick(knownCustomers.length)] ?? '');
    const number = isReturn ? `C${580000 + i}` : `${540000 + i}`;
    const day = `2011-0${1 + pick(9)}-${String(1 + pick(28)).padStart(2, '0')} ${String(8 + pick(10)).padStart(2, '0')}:${String(pick(60)).padStart(2, '0')}`;
    const lines: string[] = [];
    for (let l = 0, n = 1 + pick(5); l < n; l++) {
      const sku = `${20000 + pick(400)}`;
      const quantity = (isReturn ? -1 : 1) * (1 + pick(12));
      const price = malformed && l === 0 ? 'n/a' : (0.25 + pick(2000) / 100).toFixed(2);
      lines.push(`${number},${sku},"ITEM ${sku}, BOXED",${quantity},${day},${price},${customer},United Kingdom`);
      // A real shop export repeats a line when the item was scanned twice.
      if (random() < 0.1) lines.push(lines[lines.length - 1] ?? '');
    }
    rows.push(...lines);
    expected.rows += lines.length;
    if (isReturn) expected.returns += lines.length;
    else if (guest) expected.guest += lines.length;
    else if (unknown) {
      expected.unknownCustomer += lines.length;
      expected.unknownOrders++;
    } else if (malformed) expected.malformed += lines.length;
    else {
      expected.good += lines.length;
      expected.goodOrders++;
    }
  }
  return { rows, knownCustomers, expected };
}
