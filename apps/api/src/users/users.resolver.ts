import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SignedInGuard } from '../auth/guards.js';
import type { RequestContext } from '../auth/viewer.js';
import { CreateUserInput } from './dto/create-user.input.js';
import { UserModel } from './user.model.js';
import { UsersService } from './users.service.js';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(private readonly users: UsersService) {}

  @Mutation(() => UserModel, {
    description: 'Organisation admins only: creates an account (a user or a mediator) in their own organisation, with an initial password.',
  })
  @UseGuards(SignedInGuard)
  createUser(@Args('input') input: CreateUserInput, @Context() ctx: RequestContext): Promise<UserModel> {
    return this.users.createUser(ctx.viewer!, input) as Promise<UserModel>;
  }

  @Query(() => [UserModel], { description: "Organisation admins only: the accounts of their own organisation." })
  @UseGuards(SignedInGuard)
  organisationUsers(@Context() ctx: RequestContext): Promise<UserModel[]> {
    return this.users.organisationUsers(ctx.viewer!) as Promise<UserModel[]>;
  }
}
