/**
 * The window: left navigation, the current screen, and the native menu's commands.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { href, navigate, useRoute, type Route } from './lib/router';
import { AboutPage } from './pages/AboutPage';
import { ImportPage } from './pages/ImportPage';
import { IndicatorsPage } from './pages/IndicatorsPage';
import { MandatePage } from './pages/MandatePage';
import { MandatesPage } from './pages/MandatesPage';
import { NewRequestPage } from './pages/NewRequestPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RequestPage } from './pages/RequestPage';
import { RequestsPage, initialRequestsView, type RequestsView } from './pages/RequestsPage';
import { LettersPage } from './pages/LettersPage';
import { ReviewDetailPage, ReviewDueBanner, ReviewPage } from './pages/ReviewPage';
import { SettingsPage } from './pages/SettingsPage';
import { NewStatePage, StatePage } from './pages/StatePage';
import { StatesPage } from './pages/StatesPage';

type Section = 'requests' | 'newRequest' | 'states' | 'mandates' | 'review' | 'indicators' | 'import' | 'settings' | 'about';

function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'requests':
    case 'request':
      return 'requests';
    case 'newRequest':
      return 'newRequest';
    case 'states':
    case 'state':
    case 'newState':
      return 'states';
    case 'mandates':
    case 'mandate':
      return 'mandates';
    case 'review':
    case 'reviewDetail':
    case 'letters':
      return 'review';
    case 'import':
    case 'settings':
    case 'about':
    case 'indicators':
      return route.name;
    default:
      return null;
  }
}

/** The application shell. */
export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  // The Requests screen keeps its filters and sort while the user visits a thread and comes back.
  const [requestsView, setRequestsView] = useState<RequestsView>(initialRequestsView);
  const mainRef = useRef<HTMLElement>(null);
  const section = sectionOf(route);

  useEffect(
    () =>
      window.api?.onMenu?.((command) => {
        switch (command) {
          case 'new-request':
            return navigate({ name: 'newRequest' });
          case 'import':
            return navigate({ name: 'import' });
          case 'export':
            return navigate({ name: 'requests', export: true });
          case 'about':
            return navigate({ name: 'about' });
          case 'settings':
            return navigate({ name: 'settings' });
        }
      }),
    [],
  );

  // After a change of screen, move focus to its title so keyboard and screen-reader users start there.
  const routeKey = href(route);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // a new screen starts at its top, whatever the last one was scrolled to
    mainRef.current?.scrollTo({ top: 0 });
    const title = document.getElementById('page-title');
    (title ?? mainRef.current)?.focus({ preventScroll: true });
    document.title = `${title?.textContent ?? ''} — ${t('app.name')}`;
  }, [routeKey, t]);

  const nav: { section: Section; route: Route; label: string }[] = [
    { section: 'requests', route: { name: 'requests' }, label: t('nav.requests') },
    { section: 'newRequest', route: { name: 'newRequest' }, label: t('nav.newRequest') },
    { section: 'states', route: { name: 'states' }, label: t('nav.states') },
    { section: 'mandates', route: { name: 'mandates' }, label: t('nav.mandates') },
    { section: 'review', route: { name: 'review' }, label: t('nav.review') },
    { section: 'indicators', route: { name: 'indicators' }, label: t('nav.indicators') },
    { section: 'import', route: { name: 'import' }, label: t('nav.import') },
    { section: 'settings', route: { name: 'settings' }, label: t('nav.settings') },
    { section: 'about', route: { name: 'about' }, label: t('nav.about') },
  ];

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        {t('nav.skipToContent')}
      </a>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="app-name">{t('app.name')}</div>
        <ul>
          {nav.map((item) => (
            <li key={item.section}>
              <a href={href(item.route)} className="nav-link" aria-current={section === item.section ? 'page' : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <Screen route={route} requestsView={requestsView} setRequestsView={setRequestsView} />
      </main>
    </div>
  );
}

function Screen(props: { route: Route; requestsView: RequestsView; setRequestsView: (v: RequestsView) => void }) {
  const { route } = props;
  switch (route.name) {
    case 'requests':
      return (
        <>
          <ReviewDueBanner />
          <RequestsPage view={props.requestsView} onViewChange={props.setRequestsView} exportRequested={!!route.export} />
        </>
      );
    case 'request':
      return <RequestPage key={route.id} id={route.id} />;
    case 'newRequest':
      return <NewRequestPage key={href(route)} stateCode={route.stateCode} mandateId={route.mandateId} />;
    case 'states':
      return <StatesPage />;
    case 'state':
      return <StatePage key={route.code} code={route.code} />;
    case 'newState':
      return <NewStatePage />;
    case 'mandates':
      return <MandatesPage />;
    case 'mandate':
      return <MandatePage key={route.id} id={route.id} />;
    case 'import':
      return <ImportPage />;
    case 'review':
      return <ReviewPage />;
    case 'reviewDetail':
      return <ReviewDetailPage key={route.id} id={route.id} />;
    case 'letters':
      return <LettersPage key={route.reviewId} reviewId={route.reviewId} />;
    case 'settings':
      return <SettingsPage />;
    case 'about':
      return <AboutPage />;
    case 'indicators':
      return <IndicatorsPage />;
    case 'notFound':
      return <NotFoundPage path={route.path} />;
  }
}
