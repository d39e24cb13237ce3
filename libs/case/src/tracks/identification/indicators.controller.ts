import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { currentIndicatorCatalogue } from './indicator-catalogue/indicator-catalogue';

@ApiTags('identification')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  @Get()
  @ApiOperation({
    summary: 'The current identification-indicator catalogue',
    description:
      'Versioned data: groups (general, sexual exploitation, labour exploitation, begging, child), codes, ' +
      'ILO/EC 2009 dimension and strength, texts in Azerbaijani and English. Cases record the version used.',
  })
  @ApiOkResponse({ description: 'The catalogue' })
  current() {
    return currentIndicatorCatalogue;
  }
}
