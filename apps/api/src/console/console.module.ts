import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** The web console's API side: its settings and the local demo sign-in. */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
