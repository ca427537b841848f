/// <reference types="vite/client" />
import type { WindowApi } from '../../db/bridge';

declare global {
  interface Window {
    /** The bridge the preload (or the e2e harness) binds before the page loads. */
    api: WindowApi;
  }
}
export {};
