// The console language kept per browser: a choice stored under the earlier key survives the move to e112.lang.
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, useT } from './i18n.tsx';

function Heading() {
  return <h1>{useT()('nav.calltaker')}</h1>;
}

afterEach(() => {
  localStorage.clear();
});

describe('the console language kept in the browser', () => {
  it('keeps the language a user chose under the earlier key, and moves it to the current one', () => {
    localStorage.setItem('hcm112.lang', 'en');
    render(
      <I18nProvider>
        <Heading />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading').textContent).toBe('Call-taker console');
    expect(localStorage.getItem('e112.lang')).toBe('en');
    expect(localStorage.getItem('hcm112.lang')).toBeNull();
  });

  it('prefers a choice already under the current key to one left under the earlier key', () => {
    localStorage.setItem('e112.lang', 'vi');
    localStorage.setItem('hcm112.lang', 'en');
    render(
      <I18nProvider>
        <Heading />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading').textContent).toBe('Tiếp nhận cuộc gọi');
    expect(localStorage.getItem('hcm112.lang')).toBeNull();
  });

  it('starts in Vietnamese when nothing was chosen', () => {
    render(
      <I18nProvider>
        <Heading />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading').textContent).toBe('Tiếp nhận cuộc gọi');
  });
});
