import { Controller, Get, NotFoundException } from '@nestjs/common';

/**
 * The dashboard's built files live under /assets/ with hashed names, each served as its own
 * route. A name that is not among them is a 404, not the dashboard's index.html (which the
 * fallback gives every other path): a page left open across an update then asks for a script
 * that is gone, and a 404 says so where HTML would fail as "not a JavaScript module".
 */
@Controller('assets')
export class MissingAssetController {
  @Get('*')
  missing(): never {
    throw new NotFoundException('No such file of the dashboard. If it was just updated, reload the page.');
  }
}
