/** The admin's screens, one chunk loaded on demand: visitors and clients never download them. */
export { AdminAudit } from './AdminAudit';
export { AdminCertifications } from './AdminCertifications';
export { AdminFlags } from './AdminFlags';
export { AdminLocationDay } from './AdminLocationDay';
export { AdminLocations } from './AdminLocations';
export { AdminOfferings } from './AdminOfferings';
export { AdminOutbox } from './AdminOutbox';
