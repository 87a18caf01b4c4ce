// <CustomerCell>: a list's customer column: the name (or the person id when there is none)
// linking to the person's profile on the Customers page, with the e-mail muted under it.
// `customerHref` is that link alone, for cells that show something else (a ticket id).

/** The person's profile page: a fresh query string, so the filters and list state are not kept. */
export function customerHref(personId: string): string {
  return `?page=customers&person=${encodeURIComponent(personId)}`;
}

export function CustomerCell({
  person,
}: {
  person: { personId: string; name: string | null; email: string | null };
}) {
  return (
    <>
      <a href={customerHref(person.personId)}>{person.name ?? person.personId}</a>
      <div className="muted">{person.email}</div>
    </>
  );
}
