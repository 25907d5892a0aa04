import { inject } from 'vitest';
import { createTestDatabase } from '@/lib/testing/postgres';
import { describeStore } from './store-suite';

describeStore('postgres', () => createTestDatabase(inject('postgresUrl')));
