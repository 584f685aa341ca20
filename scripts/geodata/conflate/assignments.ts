/**
 * The name an edge holds while the stages run (internal): which name, how it came, and what backs it.
 * The stages read and replace these in one array indexed like the network's edges.
 */
export interface Assignment {
	name: string;
	/** The stage that named it: `reference`, `elevated-over`, `stroke-gap`, `busstop`, `register-extension`, `register-topology`. */
	method: string;
	/** 0 none, 1 low, 2 medium, 3 high (before the register's say). */
	base: number;
	/** Register confirmation: 0 none, 1 one anchor, 2 two or more. */
	anchors: number;
	codes: Set<string>;
	/** Bus stops on this edge's stroke that say the same name (0: none). */
	stops?: number;
}

/** Per network edge, its current name (undefined: unnamed). */
export type Assignments = (Assignment | undefined)[];
