// The page a caller's phone opens from a location link (served at /l/<token>, no login): in Vietnamese and
// English, it shares the phone's GPS position while open; a link that cannot be used gets a clear page saying why.
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import { type Response, Router } from 'express';
import type { AppContext } from '../context.ts';
import { LINK_KEY_COOKIE, linkKeyOf } from './routes.ts';
import { LinkRefused, openCallerLink } from './service.ts';

const SCRIPT = fileURLToPath(new URL('./phone/caller-link.js', import.meta.url));

const REFUSALS = {
  unknown: {
    vi: 'Liên kết này không hợp lệ.',
    en: 'This link is not valid.',
  },
  expired: {
    vi: 'Liên kết này đã hết hạn (cuộc gọi đã kết thúc).',
    en: 'This link has expired (the call has ended).',
  },
  used: {
    vi: 'Liên kết này đã được mở trên một điện thoại khác.',
    en: 'This link has already been used on another phone.',
  },
} as const;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;padding:1.2rem;background:#f4f6f8;color:#111;font-size:1.15rem;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .6rem;color:#b00020}
p{margin:.4rem 0}.en{color:#444}
.status{margin-top:1rem;padding:.8rem;border-radius:.5rem;background:#fff;border:2px solid #1b5e20}
.status[data-state=error],.refused{border:2px solid #b00020;background:#fff;padding:.8rem;border-radius:.5rem}
h2{font-size:1.3rem;margin:1.4rem 0 .4rem}video{width:100%;margin-top:.8rem;border-radius:.5rem;background:#000}
#video{background:#2e7d32}
button{font-size:1.2rem;padding:.8rem 1rem;margin-top:1rem;width:100%;border-radius:.5rem;border:0;background:#1565c0;color:#fff}
</style></head><body>${body}</body></html>`;
}

export function refusedPage(reason: keyof typeof REFUSALS): string {
  const r = REFUSALS[reason];
  return page(
    '112',
    `<main class="refused" data-refusal="${reason}"><h1>112</h1><p lang="vi">${r.vi}</p><p class="en" lang="en">${r.en}</p>
<p lang="vi">Nếu bạn cần giúp đỡ, hãy gọi lại 112.</p><p class="en" lang="en">If you need help, call 112 again.</p></main>`,
  );
}

function sharingPage(): string {
  return page(
    '112 — vị trí / location',
    `<main><h1>112</h1>
<p lang="vi">Tổng đài 112 đề nghị bạn chia sẻ vị trí của điện thoại. Hãy chọn <b>Cho phép</b> khi được hỏi và giữ trang này mở.</p>
<p class="en" lang="en">The 112 centre asks for your phone's location. Choose <b>Allow</b> when asked and keep this page open.</p>
<button id="share" type="button">Chia sẻ vị trí · Share my location</button>
<div class="status" id="status" role="status" data-state="waiting">
<p lang="vi">Đang chờ vị trí…</p><p class="en" lang="en">Waiting for your location…</p></div>
<section class="video" aria-labelledby="video-heading">
<h2 id="video-heading">Video</h2>
<p lang="vi">Nếu bạn đồng ý, video trực tiếp từ camera điện thoại sẽ được gửi đến điều phối viên 112 và được ghi lại cùng cuộc gọi.</p>
<p class="en" lang="en">If you agree, live video from your phone's camera goes to the 112 call-taker and dispatcher and is recorded with the call.</p>
<button id="video" type="button">Tôi đồng ý, gửi video · I agree, send video</button>
<video id="preview" muted playsinline autoplay hidden></video>
<p id="video-status" role="status"></p>
</section>
</main><script src="/l/caller-link.js"></script>`,
  );
}

function sendPage(res: Response, status: number, html: string): void {
  res.status(status).set('cache-control', 'no-store').type('html').send(html);
}

export function callerLinkPages(ctx: AppContext) {
  const router = Router();
  router.get('/l/caller-link.js', (_req, res) => {
    res.set('cache-control', 'no-cache').sendFile(SCRIPT);
  });
  router.get('/l/:token', cookieParser(), async (req, res, next) => {
    try {
      const opened = await openCallerLink(ctx, String(req.params.token), linkKeyOf(req), String(req.id));
      if (opened.newDeviceKey)
        res.cookie(LINK_KEY_COOKIE, opened.newDeviceKey, {
          httpOnly: true,
          sameSite: 'strict',
          secure: ctx.config.COOKIE_SECURE || ctx.config.NODE_ENV === 'production',
          maxAge: ctx.config.CALLER_LINK_MAX_MINUTES * 60_000,
          path: '/',
        });
      sendPage(res, 200, sharingPage());
    } catch (err) {
      if (err instanceof LinkRefused) sendPage(res, err.status, refusedPage(err.reason));
      else next(err);
    }
  });
  return router;
}
