/** The store names its engine as every database setting does. */
export { engineOf, type Engine } from '@/lib/db/engine';
