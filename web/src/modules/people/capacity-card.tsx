import type { Profile } from '../me/me.api.ts';
import { describeCapacity } from './capacity-summary.ts';

/** A person sees what the planner assumes of them; an admin changes it on the Users page. */
export function CapacityCard({ profile }: { profile: Profile }) {
  return (
    <section className="card people-card" aria-labelledby="my-capacity-heading" data-testid="my-capacity">
      <h2 id="my-capacity-heading">Your capacity</h2>
      <p className="muted">Playbooks place work that can wait on your first working day with room.</p>
      <p>{describeCapacity(profile)}</p>
      <p className="muted field__hint">Ask an admin to change it.</p>
    </section>
  );
}
