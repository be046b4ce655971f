import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { AuthService } from '../auth/auth.service.js';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import { CaseModel } from './case.model.js';
import { CasesResolver, type CaseParent } from './cases.resolver.js';
import { CasesService } from './cases.service.js';
import { SignAgreementInput } from './dto/sign-agreement.input.js';
import { clientAddress } from '../common/client-address.js';

/** Signing the written agreement: the one step that binds a person, so it asks for the password again. */
@Resolver(() => CaseModel)
export class AgreementsResolver {
  constructor(
    private readonly cases: CasesService,
    private readonly auth: AuthService,
    private readonly mapper: CasesResolver,
  ) {}

  @Mutation(() => CaseModel, {
    description:
      'Sign the exact text of the pending written agreement (its digest), as a party, or as counsel for a party of your side where the program allows it. Asks for your password again; a text changed since you read it is INVALID_TRANSITION.',
  })
  @UseGuards(SignedInGuard)
  async signAgreement(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input') input: SignAgreementInput,
    @Context() ctx: RequestContext,
  ): Promise<CaseParent> {
    const viewer = ctx.viewer!;
    // Not on the case (or no such case): NOT_FOUND before any password is checked.
    await this.cases.getForViewer(viewer, caseId);
    await this.auth.confirmPassword(viewer, input.password, clientAddress(ctx.req));
    return this.mapper.toModel(await this.cases.sign(viewer, caseId, expectedVersion, input));
  }
}
