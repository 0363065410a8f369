/** src/workqueue — public exports of this area, re-exported by src/index.ts. */
export {};
