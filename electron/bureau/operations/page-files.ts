import type { HandlerGroup } from '../../handlers/registry.js';
import { bureauFileLocations, chooseBureauFiles, receiveBureauFile } from '../page-files.js';

/** Files a page hands the desk (uploads, dialog answers) as handles, and where the desk keeps them. */
export const pageFilesHandlers: HandlerGroup<'bureau.files.locations' | 'bureau.files.receive' | 'bureau.files.choose'> = {
  'bureau.files.locations': (_input, ctx) => bureauFileLocations(ctx),
  'bureau.files.receive': ({ fileName, contentBase64 }, ctx) => receiveBureauFile(ctx, fileName, contentBase64),
  'bureau.files.choose': ({ purpose }, ctx) => chooseBureauFiles(ctx, purpose),
};
