import type { ReactNode } from 'react';

/** Props of {@link TemplateCard}. */
export interface TemplateCardProps {
  readonly title: string;
  readonly description: string;
  /** The picture at the top of the card (a graph thumbnail). */
  readonly picture: ReactNode;
  readonly onOpen: () => void;
}

/** A card of the start screen's gallery: picture, title and description; the whole card is one button. */
export function TemplateCard({ title, description, picture, onOpen }: TemplateCardProps) {
  return (
    <li className="template-card">
      <button type="button" className="template-card__button" onClick={onOpen} aria-label={title} title={description}>
        <span className="template-card__picture">{picture}</span>
        <span className="template-card__title">{title}</span>
        <span className="template-card__description">{description}</span>
      </button>
    </li>
  );
}
