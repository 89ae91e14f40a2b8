import mongoose from 'mongoose';
import { testDatabaseUrl } from '../src';

// Runs against the server the global setup provides (MONGO_URL): FerretDB or a real mongod.
describe('MongoDB-compatible server from the test kit', () => {
  let conn: mongoose.Connection;

  beforeAll(async () => {
    conn = await mongoose
      .createConnection(testDatabaseUrl('testkit-mongo'), { serverSelectionTimeoutMS: 10_000 })
      .asPromise();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const parkSchema = new mongoose.Schema({
    code: { type: String, required: true, unique: true },
    region: { type: String, required: true },
    capacityFen: { type: Number, required: true },
  });
  const Park = () =>
    (conn.models.Park as mongoose.Model<mongoose.InferSchemaType<typeof parkSchema>>) ??
    conn.model('Park', parkSchema);

  it('inserts and finds documents with mongoose', async () => {
    const model = Park();
    await model.init();
    await model.create([
      { code: 'P-1', region: 'CN-BJ', capacityFen: 100 },
      { code: 'P-2', region: 'CN-SH', capacityFen: 250 },
      { code: 'P-3', region: 'CN-BJ', capacityFen: 50 },
    ]);
    const beijing = await model.find({ region: 'CN-BJ' }).sort({ capacityFen: -1 }).lean();
    expect(beijing.map((p) => p.code)).toEqual(['P-1', 'P-3']);
    const updated = await model
      .findOneAndUpdate({ code: 'P-2' }, { $inc: { capacityFen: 5 } }, { new: true })
      .lean();
    expect(updated?.capacityFen).toBe(255);
  });

  it('enforces a unique index with duplicate key error E11000', async () => {
    const model = Park();
    await model.init();
    await model.create({ code: 'DUP', region: 'CN-GD', capacityFen: 1 });
    await expect(model.create({ code: 'DUP', region: 'CN-ZJ', capacityFen: 2 })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await model.countDocuments({ code: 'DUP' })).toBe(1);
  });
});
