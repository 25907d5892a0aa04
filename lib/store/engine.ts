/** Which engine a store URL names: `postgres://…` is PostgreSQL, anything else a SQLite file. */
export type Engine = 'sqlite' | 'postgres';

export const engineOf = (url: string): Engine => (/^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite');
