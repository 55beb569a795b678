import { z } from 'zod';

/** The bodies an organisation refers children to and receives them from: partners, police, transit centres. */
export const DIRECTORY_KINDS = [
  'ngo',
  'government',
  'police',
  'transit_centre',
  'international',
  'legal_aid',
  'health',
  'school',
  'other',
] as const;

export const newDirectoryEntrySchema = z.object({
  name: z.string().trim().min(2, { message: 'Write the organisation’s name.' }).max(160),
  kind: z.enum(DIRECTORY_KINDS, { message: 'Choose what kind of body it is.' }),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, { message: 'Choose a province.' })
    .optional(),
  phone: z.string().trim().max(40).optional(),
});
export type NewDirectoryEntry = z.output<typeof newDirectoryEntrySchema>;

export const directoryEntrySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(DIRECTORY_KINDS),
  provinceCode: z.string().nullable(),
  phone: z.string().nullable(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;
export const directoryListSchema = z.object({ items: z.array(directoryEntrySchema) });
