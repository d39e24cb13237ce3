import { Global, Module } from '@nestjs/common';
import { Environment, validateEnvironment } from './environment';

/** Makes the validated Environment injectable; a bad setting stops the process at start. */
@Global()
@Module({
  providers: [{ provide: Environment, useFactory: () => validateEnvironment(process.env) }],
  exports: [Environment],
})
export class ConfigModule {}
