import { Link } from 'react-router-dom';
import { usePageTitle } from '../modules/ui/hooks/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <main className="page page--narrow" id="main">
      <p className="notfound__brand">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Impasse
        </Link>
      </p>
      <p className="eyebrow">404</p>
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/">Go to the pipeline</Link>
      </p>
    </main>
  );
}
