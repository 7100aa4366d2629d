import { DomainError } from '../errors';

/** Why a report could not be read: each a message for staff (reports:import.error.*), and nothing is saved. */
export const importProblems = [
	'tooLarge',
	'empty',
	'notZip',
	'protected',
	'macros',
	'unreadable',
	'noStructure',
	'fileType'
] as const;
export type ImportProblem = (typeof importProblems)[number];

export const importError = (problem: ImportProblem, params: Record<string, string | number> = {}) =>
	new DomainError(`reports:import.error.${problem}`, 400, params);

/** The largest file or text read: 10 MB. */
export const MAX_BYTES = 10 * 1024 * 1024;
