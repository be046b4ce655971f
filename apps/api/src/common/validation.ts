import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';

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

/** The app's global pipe: class-validator for every input class but those marked above. */
export class AppValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return !(metadata.metatype && OWN_VALIDATOR.has(metadata.metatype)) && super.toValidate(metadata);
  }
}
