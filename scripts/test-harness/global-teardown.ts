/** Releases what global setup started: drops the test database, stops the servers. */
export default async function globalTeardown(): Promise<void> {
  const services = globalThis.cadenzaTestServices ?? [];
  await Promise.all(
    services.map((service) =>
      service.release().catch((error: unknown) => console.warn('[test harness] release failed:', error)),
    ),
  );
}
