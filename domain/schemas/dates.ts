/** A calendar date in a request: YYYY-MM-DD (../dates.ts computes with them). */
import { z } from 'zod';

export const isoDateSchema = z.iso.date();
