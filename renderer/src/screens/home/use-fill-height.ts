import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The height a scrolling table body may take so that the page itself never scrolls: the window's height
 * less everything above the table (the title, filters, and whatever banner the shell shows, which may wrap
 * to two lines in a narrow window), the table's header and totals rows, and the padding below. Measured
 * rather than guessed, so a longer banner or a two-line English header cannot push the page 20 px past the
 * window (tests/e2e/home-fit.test.ts checks 1366×768 in both languages).
 *
 * Measured when the window's height changes and when a box that decides the table's place changes size (a
 * ResizeObserver on the table's box, its ancestors and everything before them), not after every render: that
 * measurement forced a layout in the middle of each search key's render (issue 11). The observer reports
 * after the browser's own layout, so reading sizes there costs nothing extra.
 */
export function useFillHeight(windowHeight: number, min = 240) {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(Math.max(min, windowHeight - 330));
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => {
      const size = (selector: string) => box.querySelector(selector)?.getBoundingClientRect().height ?? 0;
      const top = box.getBoundingClientRect().top + window.scrollY;
      const content = box.closest('main') ?? document.body;
      const below = Number.parseFloat(getComputedStyle(content).paddingBottom) || 0;
      const next = Math.max(min, Math.floor(windowHeight - top - size('.ant-table-header') - size('.ant-table-summary') - below - 2));
      // Only a real change re-renders, so the measurement settles at once.
      setHeight((current) => (Math.abs(next - current) > 1 ? next : current));
    };
    measure();
    const observer = new ResizeObserver(measure);
    for (const element of placeDeciders(box)) observer.observe(element);
    return () => observer.disconnect();
  }, [windowHeight, min]);
  return { ref, height };
}

/**
 * The elements whose size can move the table or change what it must leave room for: the box itself (its header
 * wrapping to two lines, the totals row coming and going), each ancestor (a banner arriving squeezes the
 * content area) and every element before the box or an ancestor (the title, the filters, the banner).
 */
function placeDeciders(box: HTMLElement): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (let node: HTMLElement | null = box; node && node !== document.documentElement; node = node.parentElement) {
    found.push(node);
    for (let before = node.previousElementSibling; before; before = before.previousElementSibling) if (before instanceof HTMLElement) found.push(before);
  }
  return found;
}
