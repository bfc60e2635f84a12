/**
 * A change to several records that happens entirely or not at all (`kvs.transact()`): versioned
 * entity writes and deletes with a condition on the stored version, version checks on records
 * that are read but not written, and plain keys. Forge allows at most 25 operations; more are
 * refused here, before anything is sent, with a LIMIT failure that says how many were needed.
 *
 * When Forge refuses the transaction, the stored versions of the guarded records are read back:
 * if one moved, the failure is a VersionConflict naming that record; otherwise the storage error
 * is passed on. The error code Forge uses for a failed condition is not documented, so the
 * stored versions decide.
 */
import { kvs } from './kvs';
import { limitReached, VersionConflict } from '../../app/app-failure';
import { versionCondition, versionOf, type Envelope, type Versioned } from './entity-envelope';
import { checkKey, checkValueSize, STORAGE_LIMITS, translateStorageError } from './storage-limits';

/** What the transaction needs of a repository (EntityRepository has it). */
export interface TransactionalEntity<T extends Versioned> {
  readonly spec: { readonly name: string; describe(key: string): string; key(record: T): string };
  encode(record: T, version: number): Envelope;
}

type Operation =
  | { kind: 'put'; entityName: string; key: string; value: Envelope; expectedVersion: number; what: string }
  | { kind: 'remove'; entityName: string; key: string; expectedVersion: number | null; what: string }
  | { kind: 'check'; entityName: string; key: string; expectedVersion: number; what: string }
  | { kind: 'set-key'; key: string; value: unknown }
  | { kind: 'delete-key'; key: string };

type Guarded = Extract<Operation, { expectedVersion: number | null }> & { expectedVersion: number };

function isGuarded(op: Operation): op is Guarded {
  return 'expectedVersion' in op && op.expectedVersion !== null;
}

export class StoreTransaction {
  private readonly operations: Operation[] = [];

  get size(): number {
    return this.operations.length;
  }

  /** Writes `record` at version `expectedVersion + 1` if the stored one is still `expectedVersion` (0: absent). */
  put<T extends Versioned>(entity: TransactionalEntity<T>, record: T, expectedVersion: number): this {
    checkVersion(expectedVersion);
    const key = entity.spec.key(record);
    checkKey(key);
    const what = entity.spec.describe(key);
    const value = entity.encode(record, expectedVersion + 1);
    checkValueSize(what, value);
    return this.add({ kind: 'put', entityName: entity.spec.name, key, value, expectedVersion, what });
  }

  /** Deletes a record; with `expectedVersion`, only if it is still that version. */
  remove<T extends Versioned>(
    entity: TransactionalEntity<T>,
    key: string,
    expectedVersion: number | null = null,
  ): this {
    if (expectedVersion !== null && expectedVersion < 1)
      throw new Error('A guarded delete names the version it read (1 or more)');
    checkKey(key);
    return this.add({
      kind: 'remove',
      entityName: entity.spec.name,
      key,
      expectedVersion,
      what: entity.spec.describe(key),
    });
  }

  /** Fails the transaction unless the record is still at `expectedVersion` (0: absent). Writes nothing. */
  check<T extends Versioned>(entity: TransactionalEntity<T>, key: string, expectedVersion: number): this {
    checkVersion(expectedVersion);
    checkKey(key);
    return this.add({
      kind: 'check',
      entityName: entity.spec.name,
      key,
      expectedVersion,
      what: entity.spec.describe(key),
    });
  }

  /** Sets a plain key (no condition is possible on plain keys). */
  setKey(key: string, value: unknown): this {
    checkKey(key);
    checkValueSize(`the value of ${key}`, value);
    return this.add({ kind: 'set-key', key, value });
  }

  deleteKey(key: string): this {
    checkKey(key);
    return this.add({ kind: 'delete-key', key });
  }

  async execute(): Promise<void> {
    const ops = this.operations;
    if (ops.length === 0) return;
    if (ops.length > STORAGE_LIMITS.transactionMaxOperations) {
      throw limitReached(
        `This change needs ${ops.length} storage operations, and Forge allows at most ${STORAGE_LIMITS.transactionMaxOperations} in one transaction; make it in smaller steps`,
      );
    }
    const tx = kvs.transact();
    for (const op of ops) {
      switch (op.kind) {
        case 'put':
          tx.set(op.key, op.value, { entityName: op.entityName, conditions: versionCondition(op.expectedVersion) });
          break;
        case 'remove':
          tx.delete(
            op.key,
            op.expectedVersion === null
              ? { entityName: op.entityName }
              : { entityName: op.entityName, conditions: versionCondition(op.expectedVersion) },
          );
          break;
        case 'check':
          tx.check(op.key, { entityName: op.entityName, conditions: versionCondition(op.expectedVersion) });
          break;
        case 'set-key':
          tx.set(op.key, op.value);
          break;
        case 'delete-key':
          tx.delete(op.key);
          break;
      }
    }
    try {
      await tx.execute();
    } catch (error) {
      const conflict = await this.conflictBehind();
      throw conflict ?? translateStorageError(error);
    }
  }

  private add(op: Operation): this {
    const id = identity(op);
    if (this.operations.some((o) => identity(o) === id)) throw new Error(`A transaction touches ${id} twice`);
    this.operations.push(op);
    return this;
  }

  /** The first guarded record whose stored version is no longer the one expected, if any. */
  private async conflictBehind(): Promise<VersionConflict | null> {
    const guarded = this.operations.filter(isGuarded);
    for (let i = 0; i < guarded.length; i += STORAGE_LIMITS.batchMaxItems) {
      const chunk = guarded.slice(i, i + STORAGE_LIMITS.batchMaxItems);
      const result = await kvs.batchGet<unknown>(chunk.map((op) => ({ key: op.key, entityName: op.entityName })));
      const stored = new Map(
        result.successfulKeys.map((item) => [`${item.entityName ?? ''}/${item.key}`, versionOf(item.value)]),
      );
      for (const op of chunk) {
        const version = stored.get(`${op.entityName}/${op.key}`) ?? 0;
        if (version !== op.expectedVersion)
          return new VersionConflict(op.what, op.expectedVersion, version === 0 ? null : version);
      }
    }
    return null;
  }
}

function checkVersion(version: number): void {
  if (!Number.isInteger(version) || version < 0) throw new Error(`A version is a whole number from 0; got ${version}`);
}

function identity(op: Operation): string {
  return 'entityName' in op ? `${op.entityName} ${op.key}` : `key ${op.key}`;
}
