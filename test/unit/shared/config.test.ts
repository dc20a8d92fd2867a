describe('runtime config', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.resetModules();
  });

  it('names every missing or invalid variable instead of half-working', async () => {
    delete process.env.PRIVACY_POLICY_VERSION;
    process.env.STARTER_CREDITS = 'lots';
    const { profileConfig, ConfigurationError } = await import('../../../lambdas/shared/config');

    expect(() => profileConfig()).toThrow(ConfigurationError);
    expect(() => profileConfig()).toThrow(/STARTER_CREDITS.*PRIVACY_POLICY_VERSION/);
  });

  it('parses once and keeps the values for the life of the container', async () => {
    process.env.TABLE_NAME = 'first';
    const { tableConfig } = await import('../../../lambdas/shared/config');

    const before = tableConfig();
    process.env.TABLE_NAME = 'second';

    expect(tableConfig()).toBe(before);
    expect(tableConfig().TABLE_NAME).toBe('first');
  });
});
