/** Which engine a database URL names: `postgres://…` (or `postgresql://…`) is PostgreSQL, anything else a SQLite file. */
export type Engine = 'sqlite' | 'postgres';

export const engineOf = (url: string): Engine => (/^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite');
