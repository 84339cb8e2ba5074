// The journal's tables, as an ordered list of migrations. Migration i takes schema_version from i to
// i + 1; append new ones, never edit a released one.

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orders (
    client_order_id TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    type TEXT NOT NULL CHECK (type IN ('market', 'limit')),
    size REAL NOT NULL,
    price REAL,
    stop_price REAL,
    source TEXT NOT NULL,
    ts INTEGER NOT NULL,
    status TEXT NOT NULL,
    filled REAL NOT NULL,
    avg_fill_price REAL NOT NULL,
    fees REAL NOT NULL,
    updated_at INTEGER NOT NULL,
    reason TEXT
  );
  CREATE INDEX orders_by_status ON orders (status);
  CREATE INDEX orders_by_ts ON orders (ts);

  -- No foreign key to orders: a venue can report fills for orders this journal never saw, and
  -- refusing to record money that moved would be worse than an orphan row.
  CREATE TABLE fills (
    order_id TEXT NOT NULL,
    trade_id TEXT NOT NULL,
    client_order_id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    price REAL NOT NULL,
    size REAL NOT NULL,
    fee REAL NOT NULL,
    liquidity TEXT NOT NULL CHECK (liquidity IN ('maker', 'taker')),
    ts INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    PRIMARY KEY (order_id, trade_id)
  );
  CREATE INDEX fills_by_epoch_ts ON fills (epoch, ts);

  CREATE TABLE signals (
    id INTEGER PRIMARY KEY,
    strategy_id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    direction TEXT NOT NULL,
    strength REAL NOT NULL,
    price REAL NOT NULL,
    ts INTEGER NOT NULL,
    meta TEXT NOT NULL
  );

  CREATE TABLE risk_events (
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    client_order_id TEXT,
    symbol TEXT
  );

  CREATE TABLE account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch INTEGER NOT NULL,
    state TEXT NOT NULL
  );

  CREATE TABLE strategies (
    position INTEGER PRIMARY KEY,
    config TEXT NOT NULL
  );
  `,
  // The asset a fee was taken in, and how much of it: a fee in the base asset shrinks the position.
  // Fills journaled before this know only the quote value, which is what they were charged in.
  `
  ALTER TABLE fills ADD COLUMN fee_asset TEXT;
  ALTER TABLE fills ADD COLUMN fee_amount REAL;
  `,
  // Holdings that came or went without a trade, replayed among the fills at the point they were recorded.
  `
  CREATE TABLE adjustments (
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    asset TEXT NOT NULL,
    symbol TEXT,
    amount REAL NOT NULL,
    price REAL NOT NULL,
    after_fill_rowid INTEGER NOT NULL
  );
  `,
  // Orders of every kind: the type check goes (a stop or a take-profit is an order too), and `terms` holds
  // what only some orders have (trigger terms, flags, OCO group, bracket) as JSON; stop_price is the trigger.
  `
  CREATE TABLE orders_v5 (
    client_order_id TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    type TEXT NOT NULL,
    size REAL NOT NULL,
    price REAL,
    stop_price REAL,
    source TEXT NOT NULL,
    ts INTEGER NOT NULL,
    status TEXT NOT NULL,
    filled REAL NOT NULL,
    avg_fill_price REAL NOT NULL,
    fees REAL NOT NULL,
    updated_at INTEGER NOT NULL,
    reason TEXT,
    terms TEXT
  );
  INSERT INTO orders_v5 (client_order_id, id, symbol, side, type, size, price, stop_price, source, ts, status, filled,
                         avg_fill_price, fees, updated_at, reason)
    SELECT client_order_id, id, symbol, side, type, size, price, stop_price, source, ts, status, filled,
           avg_fill_price, fees, updated_at, reason
    FROM orders ORDER BY rowid;
  DROP TABLE orders;
  ALTER TABLE orders_v5 RENAME TO orders;
  CREATE INDEX orders_by_status ON orders (status);
  CREATE INDEX orders_by_ts ON orders (ts);
  `,
  // How far the append log (FileJournal) has been projected into these tables: records after it are
  // replayed from the log at the next start.
  `
  CREATE TABLE log_position (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
  );
  `,
];
