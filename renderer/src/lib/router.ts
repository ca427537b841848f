/**
 * A tiny hash router: the app is served from app:// (or a test server) with no server routing,
 * so the route lives in location.hash ("#/requests/12"). Links are plain <a href="#/...">.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'requests'; export?: boolean }
  | { name: 'request'; id: number }
  | { name: 'newRequest'; stateCode?: string; mandateId?: number }
  | { name: 'states' }
  | { name: 'state'; code: string }
  | { name: 'newState' }
  | { name: 'mandates' }
  | { name: 'mandate'; id: number }
  | { name: 'import' }
  | { name: 'review' }
  | { name: 'reviewDetail'; id: number }
  | { name: 'letters'; reviewId: number }
  | { name: 'settings' }
  | { name: 'about' }
  | { name: 'indicators' }
  | { name: 'notFound'; path: string };

/** Reads a hash ("#/states/FRA") as a route. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, second] = parts;
  const positive = (s: string | undefined) => (s && /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : null);
  switch (head) {
    case undefined:
    case 'requests':
      if (second === undefined) return params.get('export') ? { name: 'requests', export: true } : { name: 'requests' };
      if (second === 'new') {
        const mandateId = positive(params.get('mandate') ?? undefined);
        return { name: 'newRequest', stateCode: params.get('state') ?? undefined, mandateId: mandateId ?? undefined };
      }
      if (positive(second)) return { name: 'request', id: positive(second)! };
      break;
    case 'states':
      if (second === undefined) return { name: 'states' };
      if (second === 'new') return { name: 'newState' };
      if (/^[A-Z]{3}$/.test(second)) return { name: 'state', code: second };
      break;
    case 'mandates':
      if (second === undefined) return { name: 'mandates' };
      if (positive(second)) return { name: 'mandate', id: positive(second)! };
      break;
    case 'review':
      if (second === undefined) return { name: 'review' };
      if (positive(second) && parts[2] === undefined) return { name: 'reviewDetail', id: positive(second)! };
      if (positive(second) && parts[2] === 'letters' && parts[3] === undefined) return { name: 'letters', reviewId: positive(second)! };
      break;
    case 'import':
    case 'settings':
    case 'about':
    case 'indicators':
      if (second === undefined) return { name: head };
      break;
  }
  return { name: 'notFound', path };
}

/** The hash for a route, for <a href> and navigate(). */
export function href(route: Route): string {
  switch (route.name) {
    case 'requests':
      return route.export ? '#/requests?export=1' : '#/requests';
    case 'request':
      return `#/requests/${route.id}`;
    case 'newRequest': {
      const params = new URLSearchParams();
      if (route.stateCode) params.set('state', route.stateCode);
      if (route.mandateId) params.set('mandate', String(route.mandateId));
      const q = params.toString();
      return `#/requests/new${q ? `?${q}` : ''}`;
    }
    case 'states':
      return '#/states';
    case 'state':
      return `#/states/${route.code}`;
    case 'newState':
      return '#/states/new';
    case 'mandates':
      return '#/mandates';
    case 'mandate':
      return `#/mandates/${route.id}`;
    case 'review':
      return '#/review';
    case 'reviewDetail':
      return `#/review/${route.id}`;
    case 'letters':
      return `#/review/${route.reviewId}/letters`;
    case 'import':
    case 'settings':
    case 'about':
    case 'indicators':
      return `#/${route.name}`;
    case 'notFound':
      return `#/${route.path}`;
  }
}

/** Goes to a route (adds a history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = href(route);
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
