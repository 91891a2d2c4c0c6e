export * from './credentials';
export * from './package';
export * from './run';
export * from './webhook';
