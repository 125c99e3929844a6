import { z } from 'zod';

/**
 * Schemas for paths and names as they arrive from a front end. Paths are checked for
 * shape only (main resolves them); a new name must be one path segment.
 */

/** A local or remote path: non-empty, bounded, no NUL. */
export const pathSchema = z
  .string()
  .min(1, 'Path is empty')
  .max(4096, 'Path is longer than 4096 characters')
  .refine((value) => !value.includes('\0'), 'Path contains a NUL character');

/** One path segment a user typed to create or rename something. */
export const segmentNameSchema = z
  .string()
  .trim()
  .min(1, 'Name is empty')
  .max(255, 'Name is longer than 255 characters')
  .refine((value) => value !== '.' && value !== '..', 'Name cannot be . or ..')
  .refine((value) => !/[/\\\0]/.test(value), 'Name cannot contain / or \\');
