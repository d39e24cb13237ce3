import { Body, Controller, Get, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public, Environment } from '@nrm/platform';
import { Endpoint } from '@nrm/platform/http';
import { IsIn } from 'class-validator';
import { SignJWT } from 'jose';
import { CONSOLE_OPENAPI } from './console.openapi';
import { DEMO_USERS, type DemoUserKey } from './demo-users';

const DEMO_USER_KEYS = Object.keys(DEMO_USERS) as DemoUserKey[];

export class DemoTokenDto {
  @ApiProperty({ enum: DEMO_USER_KEYS, example: 'coordinator' })
  @IsIn(DEMO_USER_KEYS)
  user!: DemoUserKey;
}

/** What the console needs before anyone signs in, and the local demo sign-in (DEMO_SIGN_IN). */
@ApiTags('console')
@Controller()
export class ConsoleController {
  constructor(private readonly env: Environment) {}

  @Get('console/config')
  @Public()
  @Endpoint({ summary: "The console's settings", description: CONSOLE_OPENAPI.config })
  config() {
    return {
      oidc:
        this.env.AUTH_JWKS_URL && this.env.AUTH_ISSUER && this.env.CONSOLE_OIDC_CLIENT_ID
          ? { issuer: this.env.AUTH_ISSUER, clientId: this.env.CONSOLE_OIDC_CLIENT_ID }
          : null,
      timeZone: this.env.CONSOLE_TIME_ZONE,
      demoSignIn: this.env.DEMO_SIGN_IN,
    };
  }

  @Get('auth/demo-users')
  @Public()
  @ApiOperation({ summary: 'The demo users (only with DEMO_SIGN_IN=true; 404 otherwise)' })
  demoUsers() {
    this.requireDemoSignIn();
    return { items: DEMO_USER_KEYS.map((key) => ({ key, ...DEMO_USERS[key] })) };
  }

  @Post('auth/demo-token')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "A demo user's bearer token, valid 12 hours (only with DEMO_SIGN_IN=true; 404 otherwise)" })
  @ApiOkResponse({ description: '{ token }' })
  async demoToken(@Body() body: DemoTokenDto) {
    this.requireDemoSignIn();
    const token = await new SignJWT({ ...DEMO_USERS[body.user] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(new TextEncoder().encode(this.env.AUTH_JWT_SECRET));
    return { token };
  }

  private requireDemoSignIn(): void {
    if (!this.env.DEMO_SIGN_IN) throw new NotFoundException('The demo sign-in is turned off (DEMO_SIGN_IN)');
  }
}
