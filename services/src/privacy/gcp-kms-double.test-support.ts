import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32c } from './crc32c';

const TOKEN_PATH = '/computeMetadata/v1/instance/service-accounts/default/token';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Override = (req: SeenRequest, res: ServerResponse) => boolean;

/**
 * A local server speaking the two Google wire formats the KMS key wrapper uses: the metadata
 * server's token endpoint and Cloud KMS's REST encrypt/decrypt (JSON, base64 bytes, CRC32C
 * fields as decimal strings, `{"error":{"code","message","status"}}` errors). It really
 * encrypts (AES-256-GCM per key version, the version inside the ciphertext like KMS), knows
 * which tokens it issued, rotates and disables versions, so a test sees what KMS would answer.
 */
export async function startGcpKmsDouble(keyName: string) {
  const seen: SeenRequest[] = [];
  const versions: Array<{ key: Buffer; enabled: boolean }> = [{ key: randomBytes(32), enabled: true }];
  const validTokens = new Set<string>();
  const issuedTokens: string[] = [];
  let tokenLifetimeSeconds = 3599;
  let override: Override | undefined;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const kmsError = (res: ServerResponse, code: number, status: string, message: string) =>
    json(res, code, { error: { code, message, status } });

  function token(req: SeenRequest, res: ServerResponse) {
    if (req.headers['metadata-flavor'] !== 'Google')
      return res.writeHead(403, { 'content-type': 'text/plain' }).end('Missing Metadata-Flavor:Google header.');
    const accessToken = `ya29.double-${issuedTokens.length + 1}`;
    issuedTokens.push(accessToken);
    validTokens.add(accessToken);
    json(
      res,
      200,
      { access_token: accessToken, expires_in: tokenLifetimeSeconds, token_type: 'Bearer' },
      { 'metadata-flavor': 'Google' },
    );
  }

  function kms(req: SeenRequest, res: ServerResponse) {
    const match = req.url.match(/^\/v1\/(.+):(encrypt|decrypt)$/);
    if (req.method !== 'POST' || !match) return kmsError(res, 404, 'NOT_FOUND', `no route ${req.method} ${req.url}`);
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!validTokens.has(bearer))
      return kmsError(
        res,
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    if (match[1] !== keyName) return kmsError(res, 404, 'NOT_FOUND', `CryptoKey ${match[1]} not found.`);
    const body = JSON.parse(req.body) as Record<string, string>;
    const aad = Buffer.from(body.additionalAuthenticatedData ?? '', 'base64');
    const checks: Array<[string, Buffer]> = [['additionalAuthenticatedData', aad]];
    if (match[2] === 'encrypt') checks.push(['plaintext', Buffer.from(body.plaintext ?? '', 'base64')]);
    else checks.push(['ciphertext', Buffer.from(body.ciphertext ?? '', 'base64')]);
    for (const [field, bytes] of checks) {
      const sent = body[`${field}Crc32c`];
      if (sent !== undefined && sent !== String(crc32c(bytes)))
        return kmsError(res, 400, 'INVALID_ARGUMENT', `The checksum in field ${field}_crc32c did not match the data.`);
    }
    if (match[2] === 'encrypt') {
      const plaintext = checks[1]![1];
      const version = versions.length;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', versions[version - 1]!.key, iv).setAAD(aad);
      const sealed = Buffer.concat([
        Buffer.from([version]),
        iv,
        cipher.update(plaintext),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return json(res, 200, {
        name: `${keyName}/cryptoKeyVersions/${version}`,
        ciphertext: sealed.toString('base64'),
        ciphertextCrc32c: String(crc32c(sealed)),
        verifiedPlaintextCrc32c: body.plaintextCrc32c !== undefined,
        verifiedAdditionalAuthenticatedDataCrc32c: body.additionalAuthenticatedDataCrc32c !== undefined,
        protectionLevel: 'SOFTWARE',
      });
    }
    const sealed = checks[1]![1];
    const version = versions[sealed[0]! - 1];
    if (version && !version.enabled)
      return kmsError(
        res,
        400,
        'FAILED_PRECONDITION',
        `${keyName}/cryptoKeyVersions/${sealed[0]} is not enabled, current state is: DISABLED.`,
      );
    try {
      const decipher = createDecipheriv('aes-256-gcm', version!.key, sealed.subarray(1, 13))
        .setAAD(aad)
        .setAuthTag(sealed.subarray(sealed.length - 16));
      const plaintext = Buffer.concat([decipher.update(sealed.subarray(13, sealed.length - 16)), decipher.final()]);
      json(res, 200, {
        plaintext: plaintext.toString('base64'),
        plaintextCrc32c: String(crc32c(plaintext)),
        usedPrimary: sealed[0] === versions.length,
        protectionLevel: 'SOFTWARE',
      });
    } catch {
      kmsError(res, 400, 'INVALID_ARGUMENT', "Decryption failed: verify that 'name' refers to the correct CryptoKey.");
    }
  }

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      if (override?.(request, res)) return;
      if (request.url === TOKEN_PATH) token(request, res);
      else kms(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    port,
    /** Cloud KMS's base URL (CADENZA_KMS_ENDPOINT). */
    baseUrl,
    metadataTokenUrl: `${baseUrl}${TOKEN_PATH}`,
    seen,
    /** Every access token the metadata server handed out, in order. */
    issuedTokens,
    kmsCalls: () => seen.filter((request) => request.url.startsWith('/v1/')),
    tokenCalls: () => seen.filter((request) => request.url === TOKEN_PATH),
    setTokenLifetime: (seconds: number) => (tokenLifetimeSeconds = seconds),
    /** The token stops working before its announced expiry (revoked, or the metadata server rotated it). */
    revokeTokens: () => validTokens.clear(),
    /** A new primary version, as KMS's automatic rotation makes. */
    rotate: () => versions.push({ key: randomBytes(32), enabled: true }),
    disableVersion: (version: number) => (versions[version - 1]!.enabled = false),
    /** Answers requests first; returning true means it answered. */
    intercept: (next: Override | undefined) => (override = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type GcpKmsDouble = Awaited<ReturnType<typeof startGcpKmsDouble>>;
