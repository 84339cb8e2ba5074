interface SelectProps<T extends string> {
  testId: string;
  /** The accessible name; the select has no visible label. */
  label: string;
  value: T | '';
  options: readonly T[];
  /** What an option shows; the option itself unless given. */
  optionLabel?: (option: T) => string;
  disabled?: boolean;
  onChange: (value: T) => void;
}

/** A select over a list of string options, each shown as itself or as `optionLabel` has it. */
export function Select<T extends string>({ testId, label, value, options, optionLabel, disabled, onChange }: SelectProps<T>) {
  return (
    <select
      className="select"
      data-testid={testId}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as T)}
    >
      {options.map((option) => (
        <option key={option} value={option}>
          {optionLabel ? optionLabel(option) : option}
        </option>
      ))}
    </select>
  );
}
