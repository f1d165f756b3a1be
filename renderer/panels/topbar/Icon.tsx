/** The icons of the top bar. */
export type IconName = 'new' | 'open' | 'save' | 'saveAs' | 'layout' | 'undo' | 'redo' | 'lab' | 'maths';

const PATHS: Record<IconName, string> = {
  new: 'M6 3h8l4 4v14H6z M14 3v4h4 M12 11v6 M9 14h6',
  open: 'M3 7h6l2 2h10v10H3z M3 7v-2h6l2 2',
  save: 'M5 4h11l3 3v13H5z M8 4v5h7V4 M8 14h8v6H8z',
  saveAs: 'M5 4h9l3 3v6 M5 4v16h8 M8 4v4h6V4 M15 21l6-6-2-2-6 6v2z',
  layout: 'M3 5h5v4H3z M3 15h5v4H3z M16 10h5v4h-5z M8 7h4v10H8 M12 12h4',
  undo: 'M9 7L4 12l5 5 M4 12h11a5 5 0 0 1 0 10h-3',
  redo: 'M15 7l5 5-5 5 M20 12H9a5 5 0 0 0 0 10h3',
  // A flask.
  lab: 'M9 3h6 M10 3v6l-5 9a2 2 0 0 0 2 3h10a2 2 0 0 0 2-3l-5-9V3 M7.5 15h9',
  // A summation sign.
  maths: 'M17 5H7l6 7-6 7h10',
};

/** A 20-pixel line icon drawn with the current text colour. */
export function Icon({ name }: { readonly name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
