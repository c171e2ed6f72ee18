// The admin's API reference: the server's OpenAPI document in swagger-ui, bundled with the console (no network
// beyond this server), read-only (nothing can be sent from it).
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import './api-reference.css';

export const OPENAPI_URL = '/api/openapi.json';

export function ApiReferenceScreen() {
  const t = useT();
  const target = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    // swagger-ui is large: loaded only when an admin opens this screen.
    Promise.all([import('swagger-ui-dist/swagger-ui-es-bundle.js'), import('swagger-ui-dist/swagger-ui.css')])
      .then(([{ default: SwaggerUI }]) => {
        if (cancelled || !target.current) return;
        SwaggerUI({
          url: OPENAPI_URL,
          domNode: target.current,
          // The public validator badge would send the document to validator.swagger.io.
          validatorUrl: null,
          supportedSubmitMethods: [],
          deepLinking: false,
          defaultModelsExpandDepth: 0,
          // Groups start closed: with every group open at once, swagger-ui draws only the first two groups of a
          // document this size (above about 122 operations) and stops, without an error. One group at a time works.
          docExpansion: 'none',
        });
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <section className="api-reference" aria-labelledby="api-heading">
      <header className="api-reference-head">
        <h1 id="api-heading">{t('api.heading')}</h1>
        <p>{t('api.hint')}</p>
        <a href={OPENAPI_URL} download="hcm112-openapi.json">
          {t('api.download')}
        </a>
      </header>
      {failed ? <p role="alert">{t('api.failed')}</p> : null}
      <div ref={target} className="api-reference-body" />
    </section>
  );
}
