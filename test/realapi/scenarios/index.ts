/** Every differential scenario, in the order the harness runs them. */
import type { Scenario } from "../scenario.js";
import { crud, deletes, patches } from "./writes.js";
import { compaction, paging, selectors } from "./reads.js";
import { watches } from "./watches.js";
import { badInput, discovery, tables } from "./serving.js";
import { subresources } from "./subresources.js";

export const SCENARIOS: readonly Scenario[] = [crud, deletes, patches, selectors, paging, watches, tables, discovery, badInput, subresources, compaction];
