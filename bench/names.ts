import type { Random } from './random.ts';

/** Word lists for plausible customers. Every email uses a reserved .example domain, so no demo mail can reach a real person. */
const firstNames = [
  'Anna', 'Ben', 'Clara', 'David', 'Elif', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Lars', 'Mira',
  'Noah', 'Olga', 'Paul', 'Rosa', 'Sami', 'Tara', 'Udo', 'Vera', 'Wim', 'Yara', 'Zoe', 'Amir', 'Bea', 'Carlos',
  'Dana', 'Emil', 'Freya', 'Gil', 'Hana', 'Ivo', 'Jana', 'Kai', 'Lena', 'Malik', 'Nina', 'Omar', 'Pia',
];
const lastNames = [
  'Schmidt', 'Novak', 'Rossi', 'Jensen', 'Moreau', 'Kowalski', 'Silva', 'Berg', 'Haddad', 'Fischer', 'Lind',
  'Meyer', 'Okafor', 'Petersen', 'Quinn', 'Richter', 'Santos', 'Tanaka', 'Urban', 'Vogel', 'Weber', 'Yilmaz',
  'Zimmer', 'Andersen', 'Brandt', 'Costa', 'Dubois', 'Engel', 'Falk', 'Gruber', 'Horvat', 'Ivanova', 'Keller',
];
const companyWords = [
  'Nordwind', 'Blue Harbor', 'Alpine', 'Oakridge', 'Riverside', 'Granite', 'Silver Birch', 'Redwood', 'Lakeside',
  'Ironbridge', 'Summit', 'Greenfield', 'Stonegate', 'Westwood', 'Highland', 'Sunvalley', 'Brightwater', 'Fjord',
  'Copperleaf', 'Elm Street', 'Northgate', 'Pinecrest', 'Seaside', 'Tallgrass', 'Millbrook', 'Foxhill',
];
const trades = [
  'Joinery', 'Roofing', 'Landscaping', 'Electrics', 'Plumbing', 'Bakery', 'Brewery', 'Logistics', 'Scaffolding',
  'Forestry', 'Marina', 'Outfitters', 'Builders', 'Farm', 'Garden Centre', 'Surveying', 'Catering', 'Hotel',
];
const titles = ['Owner', 'Purchasing', 'Office manager', 'Site lead', 'Workshop lead', 'Operations', 'Managing director'];
const streets = ['Harbour Road', 'Mill Lane', 'Station Street', 'Market Square', 'Birch Avenue', 'Quay Side', 'Forge Way', 'Church Row'];
type Place = { city: string; postal: string; country: string; dial: string; legalForms: string[] };
const places: Place[] = [
  { city: 'Hamburg', postal: '20457', country: 'DE', dial: '+49 40', legalForms: ['GmbH', 'GmbH & Co. KG', 'AG'] },
  { city: 'Munich', postal: '80331', country: 'DE', dial: '+49 89', legalForms: ['GmbH', 'e.K.'] },
  { city: 'Vienna', postal: '1010', country: 'AT', dial: '+43 1', legalForms: ['GmbH', 'KG'] },
  { city: 'Zurich', postal: '8001', country: 'CH', dial: '+41 44', legalForms: ['AG', 'GmbH'] },
  { city: 'Rotterdam', postal: '3011', country: 'NL', dial: '+31 10', legalForms: ['BV'] },
  { city: 'Gothenburg', postal: '411 04', country: 'SE', dial: '+46 31', legalForms: ['AB'] },
  { city: 'Lyon', postal: '69002', country: 'FR', dial: '+33 4', legalForms: ['SARL', 'SAS'] },
  { city: 'Manchester', postal: 'M1 1AE', country: 'GB', dial: '+44 161', legalForms: ['Ltd'] },
  { city: 'Aarhus', postal: '8000', country: 'DK', dial: '+45 86', legalForms: ['ApS', 'A/S'] },
  { city: 'Gdansk', postal: '80-831', country: 'PL', dial: '+48 58', legalForms: ['sp. z o.o.'] },
  { city: 'Porto', postal: '4050-001', country: 'PT', dial: '+351 22', legalForms: ['Lda'] },
  { city: 'Bologna', postal: '40121', country: 'IT', dial: '+39 051', legalForms: ['S.r.l.'] },
];

export type Person = { first: string; last: string; name: string };
export type Address = { street: string; postal_code: string; city: string; country: string };
export type Locality = { address: Address; dial: string; legalForms: readonly string[] };

export function personName(rng: Random): Person {
  const first = rng.pick(firstNames);
  const last = rng.pick(lastNames);
  return { first, last, name: `${first} ${last}` };
}

/** A company name whose legal form fits its country; a third of small firms trade without one. */
export function companyName(rng: Random, locality: Locality): string {
  const form = rng.chance(0.3) ? '' : rng.pick(locality.legalForms);
  return [rng.pick(companyWords), rng.pick(trades), form].filter(Boolean).join(' ');
}

export function jobTitle(rng: Random): string {
  return rng.pick(titles);
}

export function locality(rng: Random): Locality {
  const place = rng.pick(places);
  return {
    address: { street: `${rng.pick(streets)} ${rng.int(1, 180)}`, postal_code: place.postal, city: place.city, country: place.country },
    dial: place.dial,
    legalForms: place.legalForms,
  };
}

export function postalLines(a: Address): string {
  return `${a.street}\n${a.postal_code} ${a.city}\n${a.country}`;
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A made-up number; nothing in the app dials or texts it. */
export function phoneNumber(rng: Random, locality: Locality): string {
  return `${locality.dial} ${rng.int(100, 999)} ${String(rng.int(0, 9999)).padStart(4, '0')}`;
}
