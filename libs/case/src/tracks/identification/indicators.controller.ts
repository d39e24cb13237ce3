import { Get } from '@nestjs/common';
import { ApiController, Endpoint } from '@nrm/platform/http';
import { currentIndicatorCatalogue } from './indicator-catalogue/indicator-catalogue';
import { INDICATORS_OPENAPI } from './identification.openapi';

@ApiController('indicators', 'identification')
export class IndicatorsController {
  @Get()
  @Endpoint({
    summary: 'The current identification-indicator catalogue',
    description: INDICATORS_OPENAPI.current,
    ok: { description: 'The catalogue' },
  })
  current() {
    return currentIndicatorCatalogue;
  }
}
