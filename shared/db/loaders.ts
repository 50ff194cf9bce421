/**
 * DataLoader builders over a request's EntityManager. One query per batch; results come back in key
 * order, as DataLoader requires.
 */
import type { EntityManager, EntityName, FilterQuery } from "@mikro-orm/core";
import DataLoader from "dataloader";

/** Loads entities by primary key `id`; a missing id yields null. */
export function byIdLoader<T extends { id: string }>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Loads all rows whose `key` column equals each requested value, with an optional extra filter and order. */
export function groupLoader<T extends object, K extends keyof T & string>(
  em: EntityManager,
  entity: EntityName<T>,
  key: K,
  options: { where?: FilterQuery<T>; orderBy?: Record<string, "asc" | "desc"> } = {},
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const filter = { [key]: { $in: [...keys] }, ...(options.where as object) } as unknown as FilterQuery<T>;
    const rows = await em.find(entity, filter, { orderBy: options.orderBy as never });
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(row[key] as unknown as string)?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
}
