import { clientErrorResponse } from './client-error';

const parse = (raw: string) => {
  const [head, body] = raw.split('\r\n\r\n');
  return {
    statusLine: head!.split('\r\n')[0],
    head: head!,
    body: JSON.parse(body!) as { code: string; message: string },
  };
};

describe('clientErrorResponse', () => {
  it('answers an unparsable request with a JSON 400 naming the parser error', () => {
    const answer = parse(clientErrorResponse('HPE_INVALID_HEADER_TOKEN'));
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.head).toContain('Content-Type: application/json');
    expect(answer.body).toEqual({ code: 'bad_request', message: expect.stringContaining('HPE_INVALID_HEADER_TOKEN') });
  });

  it('answers oversized headers with a 431', () => {
    const answer = parse(clientErrorResponse('HPE_HEADER_OVERFLOW'));
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.body.code).toBe('headers_too_large');
  });

  it('declares the exact body length', () => {
    const raw = clientErrorResponse(undefined);
    const length = Number(/Content-Length: (\d+)/.exec(raw)![1]);
    expect(Buffer.byteLength(raw.split('\r\n\r\n')[1]!)).toBe(length);
  });
});
