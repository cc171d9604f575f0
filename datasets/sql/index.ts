// The folder's index (the layer table's unit is datasets/sql): readers import row expressions from here.
export * from './expression/index.js';
