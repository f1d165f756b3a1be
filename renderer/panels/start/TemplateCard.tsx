import type { ReactNode } from 'react';

/** Props of {@link TemplateCard}. */
export interface TemplateCardProps {
  readonly title: string;
  readonly description: string;
  /** The picture at the top of the card (a graph thumbnail). */
  readonly picture: ReactNode;
  readonly onOpen: () => void;
}

/**
 * A card of the start screen's gallery: picture, title and description; the whole card is one
 * button. Its name comes from its text (title, then description) rather than an aria-label of the
 * title alone, so what a speech-input user reads on the card is what names it (WCAG 2.5.3); the
 * picture repeats the title and is hidden from assistive technology.
 */
export function TemplateCard({ title, description, picture, onOpen }: TemplateCardProps) {
  return (
    <li className="template-card">
      <button type="button" className="template-card__button" onClick={onOpen} title={description}>
        <span className="template-card__picture" aria-hidden="true">
          {picture}
        </span>
        <span className="template-card__title">{title}</span>
        <span className="template-card__description">{description}</span>
      </button>
    </li>
  );
}
