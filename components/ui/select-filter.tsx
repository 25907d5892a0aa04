/** The look of a filter bar's fields and their labels, shared by every filter form. */
export const filterFieldClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
export const filterLabelClass = 'block text-xs font-medium text-slate-600';

type Props = {
  name: string;
  label: string;
  /** A first choice meaning "no filter" (an empty value); leave out when every choice is an option of its own. */
  anyLabel?: string;
  value: string | undefined;
  options: { value: string; text: string }[];
};

/** One select of a GET filter form, labelled, its current value chosen. */
export function SelectFilter({ name, label, anyLabel, value, options }: Props) {
  return (
    // The label stands beside the select (not around it), so the select's name is the label alone, not its options too.
    <div>
      <label htmlFor={`filter-${name}`} className={filterLabelClass}>
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''} className={filterFieldClass}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}
