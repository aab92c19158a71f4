import type { ReactNode, Ref } from 'react';

type PageHeaderProps = {
  title: ReactNode;
  /** A sentence under the title; `live` announces it when it changes (counts after a filter). */
  description?: ReactNode;
  live?: boolean;
  /** The page's primary action or filters, on the right (below the title on a phone). */
  actions?: ReactNode;
  /** For pages that move focus to their title after an action. */
  headingRef?: Ref<HTMLHeadingElement>;
};

/** The title block every page starts with. */
export function PageHeader({ title, description, live = false, actions, headingRef }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div className="page-header__text">
        <h1 ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
          {title}
        </h1>
        {description !== undefined ? (
          <p className="page-header__meta" aria-live={live ? 'polite' : undefined}>
            {description}
          </p>
        ) : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
