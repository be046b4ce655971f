import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { badInput } from './errors.js';
import { firstCharacterProblem } from './limits.js';

/** Input classes that a validator of their own checks, in the resolver that takes them. */
const OWN_VALIDATOR = new WeakSet<object>();

/**
 * Marks an input class checked by a validator of its own rather than by class-validator:
 * the global pipe then hands it over as GraphQL coerced it. For `CaseEventInput`, whose 42
 * payloads the statechart package's `eventShapeProblems` checks (`toMachineEvent`), walking
 * them with class-transformer and class-validator was a tenth of a transition's CPU and
 * checked nothing more.
 */
export function ValidatedByOwnChecker(): ClassDecorator {
  return (target) => {
    OWN_VALIDATOR.add(target);
  };
}

/**
 * The app's global pipe: first, every string of every argument (ids, tokens, passwords and the
 * payloads of own-checked inputs too) is refused with BAD_USER_INPUT naming it if it holds a NUL,
 * a bidirectional control or a lone surrogate (`common/limits.ts`); then class-validator for
 * every input class but those marked above.
 */
export class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const found = firstCharacterProblem(value, metadata.data ?? 'input');
      if (found) throw badInput(found.path, found.problem);
    }
    return super.transform(value, metadata);
  }

  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return !(metadata.metatype && OWN_VALIDATOR.has(metadata.metatype)) && super.toValidate(metadata);
  }
}
