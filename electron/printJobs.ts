/**
 * Print jobs served on the app's own protocol, so the hidden print window loads the letters the
 * sound way: from app://country-visits/print/<token>/index.html, under the same navigation guards,
 * session lock-down and Content-Security-Policy as the app (a data: URL would be refused by the
 * navigation guards of security.ts, and rightly so). Each job lives only while its window prints,
 * under an unguessable token; only the job's document, its stylesheet and the shipped fonts are
 * served (db/letterPrint.ts). Pure: no Electron import, so tests drive it directly.
 */
import { randomUUID } from 'node:crypto';
import { LETTER_PAGE_MARGINS_MM, printResource, type PrintJob, type PrintResource } from '../db/letterPrint';
import { APP_HOST, APP_SCHEME } from './security';

const INCH_MM = 25.4;
/** The letters' margins in inches, as printToPDF takes them (the stylesheet's @page says the same in mm). */
export const PDF_MARGINS_INCHES = {
  top: LETTER_PAGE_MARGINS_MM.top / INCH_MM,
  right: LETTER_PAGE_MARGINS_MM.right / INCH_MM,
  bottom: LETTER_PAGE_MARGINS_MM.bottom / INCH_MM,
  left: LETTER_PAGE_MARGINS_MM.left / INCH_MM,
};

/** The path under which print jobs are served. */
export const PRINT_PREFIX = '/print/';
const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The jobs being printed, by token. */
export class PrintJobs {
  private readonly jobs = new Map<string, PrintJob>();

  /** @param fontsDir the folder of the shipped fonts (assets/fonts inside the app) */
  constructor(private readonly fontsDir: string) {}

  /** Adds a job; returns its token and the URL a print window loads. */
  add(job: PrintJob): { token: string; url: string } {
    const token = randomUUID();
    this.jobs.set(token, job);
    return { token, url: `${APP_SCHEME}://${APP_HOST}${PRINT_PREFIX}${token}/index.html` };
  }

  /** Forgets a job once printed (its URL then answers 404). */
  remove(token: string): void {
    this.jobs.delete(token);
  }

  /** How many jobs are being printed. */
  get size(): number {
    return this.jobs.size;
  }

  /**
   * The answer to an app:// URL: null when it is not under /print/ (the renderer's files answer
   * it), `not_found` for an unknown token or a file the job does not have, else the resource.
   */
  resolve(requestUrl: string): { found: true; resource: PrintResource } | { found: false } | null {
    let url: URL;
    try {
      url = new URL(requestUrl);
    } catch {
      return null;
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || !url.pathname.startsWith(PRINT_PREFIX)) return null;
    const rest = url.pathname.slice(PRINT_PREFIX.length);
    const slash = rest.indexOf('/');
    const token = slash < 0 ? rest : rest.slice(0, slash);
    const job = TOKEN.test(token) ? this.jobs.get(token) : undefined;
    // Encoded characters have no business in these few fixed names: refuse them rather than decode.
    if (!job || slash < 0 || /%|\\|\.\./.test(rest)) return { found: false };
    const resource = printResource(job, rest.slice(slash + 1), this.fontsDir);
    return resource ? { found: true, resource } : { found: false };
  }
}
