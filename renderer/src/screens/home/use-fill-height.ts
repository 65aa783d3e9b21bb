import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The height a scrolling table body may take so that the page itself never scrolls: the window's height
 * less everything above the table (the title, filters, and whatever banner the shell shows, which may wrap
 * to two lines in a narrow window), the table's header and totals rows, and the padding below. Measured
 * after each layout rather than guessed, so a longer banner or a two-line English header cannot push the
 * page 20 px past the window (tests/e2e/home-fit.test.ts checks 1366×768 in both languages).
 */
export function useFillHeight(windowHeight: number, min = 240) {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(Math.max(min, windowHeight - 330));
  // After every layout, on purpose (no dependency list): any banner or header above may have changed height.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const size = (selector: string) => box.querySelector(selector)?.getBoundingClientRect().height ?? 0;
    const top = box.getBoundingClientRect().top + window.scrollY;
    const content = box.closest('main') ?? document.body;
    const below = Number.parseFloat(getComputedStyle(content).paddingBottom) || 0;
    const next = Math.max(min, Math.floor(windowHeight - top - size('.ant-table-header') - size('.ant-table-summary') - below - 2));
    // Only a real change re-renders, so the measurement settles at once.
    if (Math.abs(next - height) > 1) setHeight(next);
  });
  return { ref, height };
}
