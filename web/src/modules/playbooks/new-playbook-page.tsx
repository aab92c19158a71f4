import { Link, useNavigate } from 'react-router-dom';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { PlaybookForm } from './playbook-form.tsx';
import { canManagePlaybooks } from './playbooks.api.ts';
import './playbooks.css';

export function NewPlaybookPage() {
  const user = useSignedInUser();
  const navigate = useNavigate();
  return (
    <>
      <title>New playbook · Afterclose</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/playbooks">Playbooks</Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">New playbook</span>
      </nav>
      <h1>New playbook</h1>
      {canManagePlaybooks(user.role) ? (
        <section className="card panel playbook-edit" aria-label="New playbook">
          <PlaybookForm onSaved={(playbook) => navigate(`/playbooks/${encodeURIComponent(playbook.id)}`)} />
        </section>
      ) : (
        <p className="status">Only managers and admins can create playbooks.</p>
      )}
    </>
  );
}
