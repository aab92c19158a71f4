import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <>
      <title>Page not found · Afterclose</title>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. Go to <Link to="/accounts">Accounts</Link> or the{' '}
        <Link to="/pipeline">Pipeline</Link>.
      </p>
    </>
  );
}
