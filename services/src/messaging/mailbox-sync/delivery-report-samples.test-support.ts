import { randomUUID } from 'node:crypto';

/**
 * Delivery reports as real mail servers write them, for the tests: Postfix, Exim (with and
 * without a report part), Gmail, Microsoft 365, qmail, and a "postmaster" returning headers
 * in no standard shape. Written from the servers' templates; each takes the message it
 * reports on, so the same shapes serve the parser's unit tests and the IMAP int test.
 */

export interface ReturnedEmail {
  /** The rep's mailbox: who sent it, who gets the report. */
  from: string;
  /** The contact it was for. */
  to: string;
  /** Without angle brackets. */
  messageId: string;
  subject?: string;
}

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** Every report a server writes has a Message-ID of its own. */
const reportId = () => randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();

/** The headers Cadenza's composer writes (compose-email.ts), as they come back quoted. */
function originalHeaders(email: ReturnedEmail): string {
  return `Return-Path: <${email.from}>
Received: from [127.0.0.1] (cadenza.acme.test [198.51.100.20])
	by mail.acme.test (Postfix) with ESMTPSA id 4dLq2V0Zk4z9sWq
	for <${email.to}>; Mon,  1 Dec 2025 17:00:00 +0000 (UTC)
Content-Type: multipart/alternative;
 boundary="--_NmP-6b2f1c3e8a9d4f70-Part_1"
From: Rep <${email.from}>
To: ${email.to}
Subject: ${email.subject ?? 'Quick question'}
Message-ID: <${email.messageId}>
X-Cadenza-Idempotency-Key: run:8f14e45f:mail:0
List-Unsubscribe: <https://cadenza.acme.test/t/u/eyJtIjoiOGYxNCJ9>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Date: Mon, 01 Dec 2025 17:00:00 +0000
MIME-Version: 1.0`;
}

function originalMessage(email: ReturnedEmail): string {
  return `${originalHeaders(email)}

----_NmP-6b2f1c3e8a9d4f70-Part_1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

Hi, do you have ten minutes this week?

----_NmP-6b2f1c3e8a9d4f70-Part_1
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 7bit

<p>Hi, do you have ten minutes this week?</p>
----_NmP-6b2f1c3e8a9d4f70-Part_1--`;
}

/** Postfix's bounce(8) report: the recipient's server refused RCPT TO with 550 5.1.1. */
export function postfixUserUnknown(email: ReturnedEmail): string {
  const boundary = '4dLq2V0Zk4z9sWq.1764608400/mail.acme.test';
  return crlf(`Return-Path: <>
Delivered-To: ${email.from}
Received: by mail.acme.test (Postfix)
	id 5A1C2B3D4E; Mon,  1 Dec 2025 17:00:03 +0000 (UTC)
Date: Mon,  1 Dec 2025 17:00:03 +0000 (UTC)
From: MAILER-DAEMON@mail.acme.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: ${email.from}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="${boundary}"
Content-Transfer-Encoding: 8bit
Message-Id: <20251201170003.5A1C2B3D4E.${reportId()}@mail.acme.test>

This is a MIME-encapsulated message.

--${boundary}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.acme.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<${email.to}>: host mx1.example.com[203.0.113.7] said: 550 5.1.1
    <${email.to}>: Recipient address rejected: User unknown in virtual mailbox
    table (in reply to RCPT TO command)

--${boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.acme.test
X-Postfix-Queue-ID: 4dLq2V0Zk4z9sWq
X-Postfix-Sender: rfc822; ${email.from}
Arrival-Date: Mon,  1 Dec 2025 17:00:00 +0000 (UTC)

Final-Recipient: rfc822; ${email.to}
Original-Recipient: rfc822;${email.to}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx1.example.com
Diagnostic-Code: smtp; 550 5.1.1 <${email.to}>: Recipient address rejected: User
    unknown in virtual mailbox table

--${boundary}
Content-Description: Undelivered Message
Content-Type: message/rfc822
Content-Transfer-Encoding: 7bit

${originalMessage(email)}

--${boundary}--
`);
}

/** Postfix's delay warning (delay_warning_time): still retrying, only the headers returned. */
export function postfixDelayed(email: ReturnedEmail): string {
  const boundary = '7B2E1F9A0C.1764622800/mail.acme.test';
  return crlf(`Return-Path: <>
Date: Mon,  1 Dec 2025 21:00:00 +0000 (UTC)
From: MAILER-DAEMON@mail.acme.test (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: ${email.from}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="${boundary}"
Content-Transfer-Encoding: 8bit
Message-Id: <20251201210000.7B2E1F9A0C.${reportId()}@mail.acme.test>

This is a MIME-encapsulated message.

--${boundary}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.acme.test.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

                   The mail system

<${email.to}>: connect to mx1.example.com[203.0.113.7]:25: Connection timed
    out

--${boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.acme.test
X-Postfix-Queue-ID: 7B2E1F9A0C
X-Postfix-Sender: rfc822; ${email.from}
Arrival-Date: Mon,  1 Dec 2025 17:00:00 +0000 (UTC)

Final-Recipient: rfc822; ${email.to}
Original-Recipient: rfc822;${email.to}
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx1.example.com[203.0.113.7]:25:
    Connection timed out
Will-Retry-Until: Sat,  6 Dec 2025 17:00:00 +0000 (UTC)

--${boundary}
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers
Content-Transfer-Encoding: 7bit

${originalHeaders(email)}

--${boundary}--
`);
}

/** Exim 4's report: Status 5.0.0, the real code (5.1.1) only in the Diagnostic-Code; X-Failed-Recipients. */
export function eximFailed(email: ReturnedEmail): string {
  const boundary = '1764608405-eximdsn-1804289383';
  return crlf(`Return-path: <>
Envelope-to: ${email.from}
Delivery-date: Mon, 01 Dec 2025 17:00:05 +0000
Received: from Debian-exim by smtp.acme.test with local (Exim 4.96)
	id 1tHzXb-00012A-2x
	for ${email.from};
	Mon, 01 Dec 2025 17:00:05 +0000
X-Failed-Recipients: ${email.to}
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@smtp.acme.test>
To: ${email.from}
References: <${email.messageId}>
Content-Type: multipart/report; report-type=delivery-status; boundary=${boundary}
MIME-Version: 1.0
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1tHzXb-00012A-2x.${reportId()}@smtp.acme.test>
Date: Mon, 01 Dec 2025 17:00:05 +0000

--${boundary}
Content-type: text/plain; charset=us-ascii

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ${email.to}
    host mx1.example.com [203.0.113.7]
    SMTP error from remote mail server after RCPT TO:<${email.to}>:
    550 5.1.1 <${email.to}>: Recipient address rejected: User unknown

--${boundary}
Content-type: message/delivery-status

Reporting-MTA: dns; smtp.acme.test

Action: failed
Final-Recipient: rfc822;${email.to}
Status: 5.0.0
Remote-MTA: dns; mx1.example.com
Diagnostic-Code: smtp; 550 5.1.1 <${email.to}>: Recipient address rejected: User unknown

--${boundary}
Content-type: message/rfc822

${originalMessage(email)}

--${boundary}--
`);
}

/** Exim before DSN support, and its copies still around: words, and the message copied inline. */
export function eximPlainText(email: ReturnedEmail): string {
  return crlf(`Return-path: <>
X-Failed-Recipients: ${email.to}
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@relay.acme.test>
To: ${email.from}
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1tHzYc-0003Qm-7L.${reportId()}@relay.acme.test>
Date: Mon, 01 Dec 2025 17:01:00 +0000

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ${email.to}
    SMTP error from remote mail server after RCPT TO:<${email.to}>:
    host mx1.example.com [203.0.113.7]: 550 5.2.1 The email account that you tried
    to reach is disabled.

------ This is a copy of the message, including all the headers. ------

${originalMessage(email)}
`);
}

const GMAIL_ICON = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Gmail's "Address not found": HTML and an icon first, X-Original-Message-ID, threaded to the original. */
export function gmailNoSuchUser(email: ReturnedEmail): string {
  return crlf(`Delivered-To: ${email.from}
Return-Path: <>
Received: by 2002:a05:6a10:8e0c:b0:5c1:4d2e:1f0a with SMTP id p12csp2418207pxh;
        Mon, 1 Dec 2025 09:00:04 -0800 (PST)
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ${email.from}
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
References: <${email.messageId}>
In-Reply-To: <${email.messageId}>
X-Failed-Recipients: ${email.to}
Message-ID: <6750a3c4.050a0220.1f3b2c.0000.GMR.${reportId()}@mx.google.com>
Date: Mon, 01 Dec 2025 09:00:04 -0800 (PST)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000f1a2b30628b4c5d6"; report-type=delivery-status

--000000000000f1a2b30628b4c5d6
Content-Type: multipart/related; boundary="000000000000f1b8e90628b4c5e1"

--000000000000f1b8e90628b4c5e1
Content-Type: multipart/alternative; boundary="000000000000f1b8ea0628b4c5e2"

--000000000000f1b8ea0628b4c5e2
Content-Type: text/plain; charset="UTF-8"


** Address not found **

Your message wasn't delivered to ${email.to} because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.com/mail/?p=NoSuchUser

The response was:

550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser d75a77b69052e-4a58e2f1c3asor1234567qt.12 - gsmtp

--000000000000f1b8ea0628b4c5e2
Content-Type: text/html; charset="UTF-8"


<html>
<head>
<style>
* {
font-family:Roboto, "Helvetica Neue", Helvetica, Arial, sans-serif;
}
</style>
</head>
<body>
<table cellpadding="0" cellspacing="0" class="email-wrapper" style="padding-top:32px;background-color:#ffffff;"><tbody>
<tr><td><img src="cid:icon.png" width="24" height="24"></td>
<td style="padding-left:8px;">Address not found</td></tr>
<tr><td colspan="2">Your message wasn't delivered to <a style='color:#212121;text-decoration:none'><b>${email.to}</b></a> because the address couldn't be found, or is unable to receive mail.</td></tr>
</tbody></table>
</body>
</html>

--000000000000f1b8ea0628b4c5e2--
--000000000000f1b8e90628b4c5e1
Content-Type: image/png; name="icon.png"
Content-Disposition: attachment; filename="icon.png"
Content-Transfer-Encoding: base64
Content-ID: <icon.png>

${GMAIL_ICON}
--000000000000f1b8e90628b4c5e1--
--000000000000f1a2b30628b4c5d6
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; ${email.from}
Arrival-Date: Mon, 01 Dec 2025 09:00:02 -0800 (PST)
X-Original-Message-ID: <${email.messageId}>

Final-Recipient: rfc822; ${email.to}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx1.example.com. (203.0.113.7, the server for the domain example.com.)
Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does not exist.
 d75a77b69052e-4a58e2f1c3asor1234567qt.12 - gsmtp
Last-Attempt-Date: Mon, 01 Dec 2025 09:00:04 -0800 (PST)

--000000000000f1a2b30628b4c5d6
Content-Type: message/rfc822

${originalMessage(email)}

--000000000000f1a2b30628b4c5d6--
`);
}

/** Gmail's "Delivery incomplete": a temporary trouble, Gmail keeps trying. */
export function gmailDelayed(email: ReturnedEmail): string {
  return crlf(`Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ${email.from}
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Delay)
References: <${email.messageId}>
In-Reply-To: <${email.messageId}>
Message-ID: <6750b5d2.170a0220.2c4d1e.0000.GMR.${reportId()}@mx.google.com>
Date: Mon, 01 Dec 2025 11:00:02 -0800 (PST)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="0000000000009c8d7e0628b4e7a1"; report-type=delivery-status

--0000000000009c8d7e0628b4e7a1
Content-Type: text/plain; charset="UTF-8"

** Delivery incomplete **

There was a temporary problem delivering your message to ${email.to}. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.

The response was:

The recipient server did not accept our requests to connect. For more information, go to https://support.google.com/mail/answer/7720 [mx1.example.com. 203.0.113.7: timed out]

--0000000000009c8d7e0628b4e7a1
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; ${email.from}
Arrival-Date: Mon, 01 Dec 2025 09:00:02 -0800 (PST)
X-Original-Message-ID: <${email.messageId}>

Final-Recipient: rfc822; ${email.to}
Action: delayed
Status: 4.4.1
Diagnostic-Code: smtp; The recipient server did not accept our requests to connect. For more information, go to https://support.google.com/mail/answer/7720 [mx1.example.com. 203.0.113.7: timed out]
Last-Attempt-Date: Mon, 01 Dec 2025 11:00:02 -0800 (PST)
Will-Retry-Until: Wed, 03 Dec 2025 09:00:02 -0800 (PST)

--0000000000009c8d7e0628b4e7a1
Content-Type: message/rfc822

${originalMessage(email)}

--0000000000009c8d7e0628b4e7a1--
`);
}

/**
 * Microsoft 365's non-delivery report: from MicrosoftExchange<hex>@, threaded to the original,
 * the words quoted-printable, Status 5.1.10, only the original's headers returned.
 * `policy` swaps in a 5.7.1 refusal of the message (a spam filter), not of the address.
 */
export function microsoft365(email: ReturnedEmail, policy = false): string {
  const outer = 'a0f3e2d1-7c6b-4a59-8e47-3d2c1b0a9f8e';
  const inner = 'b1e4f3a2-8d7c-4b6a-9f58-4e3d2c1b0a9f';
  const domain = email.to.split('@')[1];
  const code = policy
    ? '550 5.7.1 Service unavailable, Client host [198.51.100.20] blocked using Spamhaus. To request remov=\nal from this list see https://www.spamhaus.org/query/ip/198.51.100.20 (AS3130=\n) [BN8NAM12FT045.eop-nam12.prod.protection.outlook.com 2025-12-01T17:00:04.0=\n000Z 08DE0F0A1B2C3D4E]'
    : `550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient ${email.to} not found b=\ny SMTP address lookup`;
  const status = policy ? '5.7.1' : '5.1.10';
  const diagnostic = policy
    ? 'smtp;550 5.7.1 Service unavailable, Client host [198.51.100.20] blocked using Spamhaus.'
    : `smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient ${email.to} not found by SMTP address lookup`;
  return crlf(`Received: from BN8PR12MB3345.namprd12.prod.outlook.com (2603:10b6:408:6e::20)
 by SA1PR12MB6679.namprd12.prod.outlook.com with HTTPS; Mon, 1 Dec 2025
 17:00:04 +0000
MIME-Version: 1.0
From: Microsoft Outlook
	<MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@acme.onmicrosoft.com>
To: <${email.from}>
Date: Mon, 1 Dec 2025 17:00:04 +0000
Content-Type: multipart/report; report-type=delivery-status;
	boundary="${outer}"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID:
 <c1a5f0d2-9e8b-4c7a-b6d5-e4f3a2b1c0d9.${reportId()}@BN8PR12MB3345.namprd12.prod.outlook.com>
In-Reply-To: <${email.messageId}>
References: <${email.messageId}>
Thread-Topic: ${email.subject ?? 'Quick question'}
Thread-Index: AQHbQ1oVqv3nZ2kGkU6yT0c1Zx9F2w==
Subject: Undeliverable: ${email.subject ?? 'Quick question'}
Auto-Submitted: auto-replied
X-MS-PublicTrafficType: Email

--${outer}
Content-Type: multipart/alternative; differences=Content-Type;
	boundary="${inner}"

--${inner}
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

Your message to ${email.to} couldn't be delivered.
${policy ? `${domain} suspects your message is spam and rejected it.` : `${email.to.split('@')[0]} wasn't found at ${domain}.`}
Rep                          Office 365           ${email.to.split('@')[0]}
Action Required                                   Recipient

Remote Server returned '${code}'

Original message headers:

${originalHeaders(email).replace(/=/g, '=3D')}

--${inner}
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=
=3Dus-ascii"></head><body><p>Your message to ${email.to} couldn't be delive=
red.</p></body></html>

--${inner}--

--${outer}
Content-Type: message/delivery-status

Reporting-MTA: dns;BN8PR12MB3345.namprd12.prod.outlook.com
Received-From-MTA: dns;SA1PR12MB6679.namprd12.prod.outlook.com
Arrival-Date: Mon, 1 Dec 2025 17:00:02 +0000

Final-Recipient: rfc822;${email.to}
Action: failed
Status: ${status}
Diagnostic-Code: ${diagnostic}
X-Display-Name: ${email.to.split('@')[0]}

--${outer}
Content-Type: text/rfc822-headers

${originalHeaders(email)}

--${outer}--
`);
}

/** qmail's words-only report: "I've given up", the recipient in angle brackets, the copy below a line. */
export function qmailFailure(email: ReturnedEmail): string {
  return crlf(`Return-Path: <>
Date: 1 Dec 2025 17:00:06 -0000
From: MAILER-DAEMON@mx.smallhost.example
To: ${email.from}
Subject: failure notice

Hi. This is the qmail-send program at mx.smallhost.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<${email.to}>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

${originalMessage(email)}
`);
}

/**
 * A postmaster in no standard shape: multipart/mixed, its words in English, the original's
 * headers returned as text/rfc822-headers, no status part and no status code.
 */
export function postmasterReturnedHeaders(email: ReturnedEmail): string {
  return crlf(`Return-Path: <>
From: postmaster@appliance.example.com
To: ${email.from}
Subject: Delivery failure
Date: Mon, 01 Dec 2025 17:02:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="==appliance-ndr-42=="

--==appliance-ndr-42==
Content-Type: text/plain; charset=utf-8

Your message could not be delivered to ${email.to}.
The recipient mailbox does not exist on this system.

--==appliance-ndr-42==
Content-Type: text/rfc822-headers

${originalHeaders(email)}

--==appliance-ndr-42==--
`);
}

/** A success report (NOTIFY=SUCCESS): delivered, which settles earlier soft bounces. */
export function postfixDelivered(email: ReturnedEmail): string {
  const boundary = '3C4D5E6F7A.1764608410/mail.acme.test';
  return crlf(`Return-Path: <>
From: MAILER-DAEMON@mail.acme.test (Mail Delivery System)
Subject: Successful Mail Delivery Report
To: ${email.from}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="${boundary}"
Message-Id: <20251201170010.3C4D5E6F7A.${reportId()}@mail.acme.test>
Date: Mon,  1 Dec 2025 17:00:10 +0000 (UTC)

--${boundary}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.acme.test.

Your message was successfully delivered to the destination(s)
listed below.

<${email.to}>: delivery via mx1.example.com[203.0.113.7]:25: 250 2.0.0 Ok:
    queued as 9F8E7D6C5B

--${boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.acme.test
Arrival-Date: Mon,  1 Dec 2025 17:00:00 +0000 (UTC)

Final-Recipient: rfc822; ${email.to}
Original-Recipient: rfc822;${email.to}
Action: relayed
Status: 2.0.0
Remote-MTA: dns; mx1.example.com
Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 9F8E7D6C5B

--${boundary}
Content-Description: Message Headers
Content-Type: text/rfc822-headers

${originalHeaders(email)}

--${boundary}--
`);
}
